/** Query parameter lists: `a,b` or repeated parameters -> ['a', 'b'] (blank entries dropped). For @Transform. */
export function toList({ value }: { value: unknown }): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((entry) => String(entry).split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
