"use client";

// Re-render the page's server data when an event about this visit arrives (an alert taken, answers completed, a
// decision, a signature), or when the stream reconnects. Client state (a half-typed note) is kept.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { subscribeLive } from "./live-events";

export function LiveRefresh({ visitId }: { visitId: string }) {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let first = true;
    const unsubscribe = subscribeLive((message) => {
      if (message.kind === "ready" && first) {
        first = false;
        return;
      }
      if ("visitId" in message && message.visitId !== visitId) return;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, 200);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [router, visitId]);
  return null;
}
