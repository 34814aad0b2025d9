import type { z } from "zod";

export declare const CLIENT_IP_HEADER: "x-markbook-client-ip";
export declare const SERVER_MARK_HEADER: "x-markbook-server-mark";
export declare const SERVER_MARK_ENV: "MARKBOOK_SERVER_MARK";
export declare const UNKNOWN_ADDRESS: "unknown";
export declare const proxyHopsSchema: z.ZodDefault<z.ZodCoercedNumber<unknown>>;
export declare function normaliseAddress(raw: string): string | null;
export declare function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string;
export declare function trustedClientAddress(headers: { get(name: string): string | null }, mark: string | undefined): string;
