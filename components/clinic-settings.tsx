"use client";

import { setClinicDateFormat, type TDateFormat } from "@/lib/contracts/format";

/**
 * Gives the browser the clinic's date format (the server read it from BACKLINE_DATE_FORMAT), so client components
 * write dates exactly as the server-rendered HTML did. Rendered first in <body>, before anything that shows a date.
 */
export function ClinicSettings({ dateFormat }: { dateFormat: TDateFormat }) {
  setClinicDateFormat(dateFormat);
  return null;
}
