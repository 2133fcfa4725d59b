"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False until React has hydrated. Submit buttons stay disabled until then: a native submit before
 * hydration would send the fields (a password, an MRN) in a GET URL instead of through the API.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
