/** One rater's label for one item (a reviewer's latest verdict on a case). */
export type Rating = { item: string; rater: string; label: string };

export type PairAgreement = { a: string; b: string; items: number; agreement: number; kappa: number | null };

export type AgreementStats = {
  /** Items with at least two raters: the only ones agreement can be measured on. */
  items: number;
  ratings: number;
  /** Mean share of agreeing rater pairs per item (null without items). */
  percentAgreement: number | null;
  /** Fleiss' kappa over all raters; null when undefined (no items, or every label the same). */
  fleissKappa: number | null;
  /** Cohen's kappa for each pair of raters over the items both rated. */
  pairs: PairAgreement[];
};

/**
 * Cohen's kappa of two raters over the same items, in order: (p_o − p_e) / (1 − p_e). Null when
 * chance agreement is already total (both raters used a single, shared label): kappa is undefined.
 */
export function cohensKappa(a: string[], b: string[]): number | null {
  if (a.length !== b.length) throw new Error("cohensKappa: the raters must label the same items");
  const n = a.length;
  if (n === 0) return null;
  const observed = a.filter((x, i) => x === b[i]).length / n;
  const labels = new Set([...a, ...b]);
  let expected = 0;
  for (const l of labels) expected += (a.filter((x) => x === l).length / n) * (b.filter((x) => x === l).length / n);
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/**
 * Fleiss' kappa with a varying number of raters per item: P_i = (Σ_j n_ij² − n_i) / (n_i(n_i − 1)),
 * P̄ the mean of P_i, p_j each label's share of all ratings, P_e = Σ p_j². Items with fewer than
 * two ratings carry no agreement information and are left out.
 */
export function fleissKappa(counts: Record<string, number>[]): { percentAgreement: number | null; kappa: number | null } {
  const items = counts.filter((c) => total(c) >= 2);
  if (items.length === 0) return { percentAgreement: null, kappa: null };
  const perItem = items.map((c) => {
    const n = total(c);
    return (Object.values(c).reduce((s, x) => s + x * x, 0) - n) / (n * (n - 1));
  });
  const pBar = perItem.reduce((s, x) => s + x, 0) / items.length;
  const all = items.reduce((s, c) => s + total(c), 0);
  const byLabel = new Map<string, number>();
  for (const c of items) for (const [l, x] of Object.entries(c)) byLabel.set(l, (byLabel.get(l) ?? 0) + x);
  const pE = [...byLabel.values()].reduce((s, x) => s + (x / all) ** 2, 0);
  return { percentAgreement: pBar, kappa: pE === 1 ? null : (pBar - pE) / (1 - pE) };
}

const total = (c: Record<string, number>) => Object.values(c).reduce((s, x) => s + x, 0);

/** Agreement statistics over ratings (each rater's one label per item). */
export function agreementStats(ratings: Rating[]): AgreementStats {
  const byItem = new Map<string, Map<string, string>>();
  for (const r of ratings) {
    const m = byItem.get(r.item) ?? new Map<string, string>();
    m.set(r.rater, r.label);
    byItem.set(r.item, m);
  }
  const counts = [...byItem.values()].map((m) => {
    const c: Record<string, number> = {};
    for (const l of m.values()) c[l] = (c[l] ?? 0) + 1;
    return c;
  });
  const { percentAgreement, kappa } = fleissKappa(counts);

  const raters = [...new Set(ratings.map((r) => r.rater))].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < raters.length; i++)
    for (let j = i + 1; j < raters.length; j++) {
      const a: string[] = [];
      const b: string[] = [];
      for (const m of byItem.values()) {
        const la = m.get(raters[i]);
        const lb = m.get(raters[j]);
        if (la !== undefined && lb !== undefined) a.push(la), b.push(lb);
      }
      if (a.length === 0) continue;
      pairs.push({ a: raters[i], b: raters[j], items: a.length, agreement: a.filter((x, k) => x === b[k]).length / a.length, kappa: cohensKappa(a, b) });
    }
  return { items: counts.filter((c) => total(c) >= 2).length, ratings: ratings.length, percentAgreement, fleissKappa: kappa, pairs };
}
