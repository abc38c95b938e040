/** Cloud Code tier ids (`free-tier`, `standard-tier`, `g1-pro-tier`, `g1-ultra-tier`) as short names. */
export function formatTier(tier: string | null): string | null {
  if (tier === null || tier.trim() === '') return null;
  const id = tier.toLowerCase();
  if (id.includes('ultra')) return 'Ultra';
  if (id.includes('pro')) return 'Pro';
  if (id.includes('free')) return 'Free';
  if (id.includes('standard')) return 'Standard';
  if (id.includes('legacy')) return 'Legacy';
  return tier.replace(/-tier$/i, '').replace(/[-_]+/g, ' ').replace(/^\w/, (letter) => letter.toUpperCase());
}
