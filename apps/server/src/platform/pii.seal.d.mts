export declare function sealer(keys: {
  enc: Uint8Array;
  mac: Uint8Array;
  head: string;
}): (clear: string, iv: Uint8Array) => string;
export declare function sealMany(seal: (clear: string, iv: Uint8Array) => string, clears: readonly string[]): string[];
export declare function blindIndex(key: Uint8Array): (clear: string) => string;
