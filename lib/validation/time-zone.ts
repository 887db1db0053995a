import { z } from "zod";
import { isTimeZone } from "@/lib/time-zone";

/** An IANA zone name the runtime knows ("Europe/Berlin"); refused otherwise. */
export const timeZoneSchema = z.string().trim().refine(isTimeZone, "Choose a time zone from the list.");

/** "HH:MM" on a 24-hour clock. */
export const dailyTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time such as 21:30.");
