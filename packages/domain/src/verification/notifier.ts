import type { notificationOutbox } from "@switchboard/db";
import nodemailer, { type Transporter } from "nodemailer";

/**
 * The notifier behind the outbox: with `SWITCHBOARD_SMTP_URL` set (e.g. `smtp://user:pass@host:587`), e-mails are
 * sent by SMTP (nodemailer) from `SWITCHBOARD_SMTP_FROM` (default `no-reply@switchboard.local`); without it,
 * and for text messages, they stay in the outbox for staff to see.
 */
let transport: { url: string; transporter: Transporter } | undefined;

function transporter(): Transporter | null {
  const url = process.env.SWITCHBOARD_SMTP_URL;
  if (!url) return null;
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

export async function deliver(
  message: typeof notificationOutbox.$inferSelect,
): Promise<"sent" | "kept" | { error: string }> {
  const smtp = message.channel === "email" ? transporter() : null;
  if (!smtp) return "kept";
  try {
    await smtp.sendMail({
      from: process.env.SWITCHBOARD_SMTP_FROM ?? "no-reply@switchboard.local",
      to: message.recipient,
      subject: message.subject,
      text: message.body,
    });
    return "sent";
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 500) : "sending failed" };
  }
}
