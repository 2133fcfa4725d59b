import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ClinicSettings } from "@/components/clinic-settings";
import { clinicDateFormatSetting } from "@/lib/env";
import "./globals.css";
import "./print.css";

export const metadata: Metadata = {
  title: { default: "Backline", template: "%s · Backline" },
  description: "Intake and decision support for back-pain clinics",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClinicSettings dateFormat={clinicDateFormatSetting()} />
        {children}
      </body>
    </html>
  );
}
