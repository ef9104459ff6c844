export declare const LIMIT_BYTES: number;
export declare function measureBundle(entry: string): Promise<{ minified: number; gzipped: number }>;
