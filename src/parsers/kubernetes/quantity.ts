// Kubernetes resource quantities. Reference: k8s.io/apimachinery/pkg/api/resource/quantity.go — a
// number with an optional binary suffix (Ki Mi Gi Ti Pi Ei), decimal suffix (k M G T P E, and m = 10⁻³),
// or exponent (1e9). "2Gi" = 2 × 1024³, "1G" = 10⁹, "512m" = 0.512 (a classic mistake for memory).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The quantity as a number (bytes for memory, cores for cpu), or undefined when it is not one. */
export function parseQuantity(text: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[mkMGTPE])?)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2]) return n * 10 ** Number(m[2].slice(1));
  const s = m[3] ?? '';
  return n * (BINARY[s] ?? DECIMAL[s]);
}
