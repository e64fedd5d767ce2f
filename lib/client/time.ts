"use client";

// One time zone for every time on a page, labelled, chosen by the user (local or UTC) and remembered in
// localStorage. The pure helpers below take the zone as an argument so they can be tested with any
// IANA zone; the hook binds them to the user's choice.

import { createContext, createElement, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";

export const TIME_ZONE_CHOICES = ["local", "UTC"] as const;
export type TimeZoneChoice = (typeof TIME_ZONE_CHOICES)[number];

/** An IANA zone name, or undefined for the browser's own zone. */
export type ZoneId = string | undefined;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round tick steps, smallest first: 1/2/5/10/15/30 s, 1/2/5/10/15/30 min, 1/2/3/6/12 h, 1/2/7 d. */
export const TICK_STEPS_MS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY,
] as const;

export function zoneIdOf(choice: TimeZoneChoice): ZoneId {
  return choice === "UTC" ? "UTC" : undefined;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: ZoneId, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone ?? "local"}|${JSON.stringify(options)}`;
  let cached = formatterCache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone });
    formatterCache.set(key, cached);
  }
  return cached;
}

function parts(ms: number, zone: ZoneId, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of formatter(zone, options).formatToParts(ms)) out[part.type] = part.value;
  return out;
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in `zone` (e.g. +1 h for CET). */
export function zoneOffsetMs(ms: number, zone: ZoneId): number {
  const p = parts(ms, zone, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / SECOND) * SECOND;
}

/** Short zone name at an instant: "UTC", "CET", "GMT+5:30". */
export function zoneShortName(ms: number, zone: ZoneId): string {
  if (zone === "UTC") return "UTC";
  return parts(ms, zone, { timeZoneName: "short" }).timeZoneName ?? "local";
}

/** "UTC" or "local (CET)". */
export function zoneLabelOf(choice: TimeZoneChoice, nowMs: number): string {
  return choice === "UTC" ? "UTC" : `local (${zoneShortName(nowMs, undefined)})`;
}

const HMS: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" };
const HM: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const WEEKDAY_DATE: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };
const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" };

/** "15:04:10". */
export function formatTimeIn(ms: number, zone: ZoneId): string {
  const p = parts(ms, zone, HMS);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** "Wed 2 Dec, 15:04:10 UTC" — for tooltips and "polled at" notes. */
export function formatDateTimeIn(ms: number, zone: ZoneId): string {
  const d = parts(ms, zone, WEEKDAY_DATE);
  return `${d.weekday} ${d.day} ${d.month}, ${formatTimeIn(ms, zone)} ${zoneShortName(ms, zone)}`;
}

/**
 * An axis tick label. Spans up to 5 min show seconds ("15:04:10"), up to a day "15:04"; longer spans
 * show dates: midnight as "Wed 2 Dec", other ticks as "2 Dec 12:00".
 */
export function formatTickIn(ms: number, spanMs: number, zone: ZoneId): string {
  if (spanMs <= 5 * MINUTE) return formatTimeIn(ms, zone);
  const hm = parts(ms, zone, HM);
  const clock = `${hm.hour}:${hm.minute}`;
  if (spanMs <= DAY) return clock;
  if (clock === "00:00") {
    const d = parts(ms, zone, WEEKDAY_DATE);
    return `${d.weekday} ${d.day} ${d.month}`;
  }
  const d = parts(ms, zone, DATE);
  return `${d.day} ${d.month} ${clock}`;
}

/** The smallest round step that gives at most `maxTicks` ticks over the span (7 d multiples beyond). */
export function chooseTickStep(spanMs: number, maxTicks: number): number {
  const wanted = spanMs / Math.max(1, maxTicks);
  const step = TICK_STEPS_MS.find((s) => s >= wanted);
  return step ?? Math.ceil(wanted / (7 * DAY)) * 7 * DAY;
}

/**
 * Tick instants at round wall-clock times in `zone` between start and end (inclusive), e.g. every
 * 10 min on the :00/:10/… marks, every 6 h at 00/06/12/18, every day at midnight.
 */
export function computeTimeTicks(startMs: number, endMs: number, zone: ZoneId, maxTicks = 6): number[] {
  if (!(endMs > startMs)) return [];
  const step = chooseTickStep(endMs - startMs, maxTicks);
  const toInstant = (wall: number) => wall - zoneOffsetMs(wall - zoneOffsetMs(wall, zone), zone);
  const startWall = startMs + zoneOffsetMs(startMs, zone);
  const ticks: number[] = [];
  for (let wall = Math.ceil(startWall / step) * step; ticks.length <= maxTicks + 1; wall += step) {
    const instant = toInstant(wall);
    if (instant > endMs) break;
    if (instant >= startMs && instant !== ticks[ticks.length - 1]) ticks.push(instant);
  }
  return ticks;
}

// ——— React binding ———

const STORAGE_KEY = "queuewatch.timeZone";
const listeners = new Set<() => void>();
let unstoredChoice: TimeZoneChoice = "local"; // used when localStorage is blocked

function readChoice(): TimeZoneChoice {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "UTC" ? "UTC" : "local";
  } catch {
    return unstoredChoice;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export interface TimeFormat {
  zone: TimeZoneChoice;
  /** "UTC" or "local (CET)". */
  zoneLabel: string;
  setZone: (zone: TimeZoneChoice) => void;
  formatTime: (ms: number) => string;
  formatDateTime: (ms: number) => string;
  formatTick: (ms: number, spanMs: number) => string;
  /** Round tick instants for an axis over [start, end]. */
  ticks: (startMs: number, endMs: number, maxTicks?: number) => number[];
}

const TimeFormatContext = createContext<TimeFormat | null>(null);

export function TimeZoneProvider({ children }: { children: ReactNode }) {
  // The server renders "local"; the client switches to the stored choice right after hydration.
  const zone = useSyncExternalStore(subscribe, readChoice, () => "local" as const);
  // The local zone's short name ("CET") as of page load; a DST switch shows after a reload.
  const [loadedAt] = useState(() => Date.now());
  const setZone = useCallback((next: TimeZoneChoice) => {
    unstoredChoice = next;
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage blocked: the choice lasts until the page is reloaded
    }
    for (const listener of listeners) listener();
  }, []);
  const value = useMemo<TimeFormat>(() => {
    const id = zoneIdOf(zone);
    return {
      zone,
      zoneLabel: zoneLabelOf(zone, loadedAt),
      setZone,
      formatTime: (ms) => formatTimeIn(ms, id),
      formatDateTime: (ms) => formatDateTimeIn(ms, id),
      formatTick: (ms, spanMs) => formatTickIn(ms, spanMs, id),
      ticks: (startMs, endMs, maxTicks) => computeTimeTicks(startMs, endMs, id, maxTicks),
    };
  }, [zone, setZone, loadedAt]);
  return createElement(TimeFormatContext.Provider, { value }, children);
}

export function useTimeFormat(): TimeFormat {
  const value = useContext(TimeFormatContext);
  if (!value) throw new Error("useTimeFormat() needs a <TimeZoneProvider> above it (components/providers.tsx)");
  return value;
}
