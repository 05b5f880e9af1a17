import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A level: a finite number, or a band `{ low, high }` of finite numbers (nothing else). */
export function isSlaLevel(value: unknown): boolean {
  if (isFiniteNumber(value)) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value).sort();
  const band = value as { low?: unknown; high?: unknown };
  return keys.length === 2 && keys[0] === 'high' && keys[1] === 'low' && isFiniteNumber(band.low) && isFiniteNumber(band.high);
}

export function IsSlaLevel(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSlaLevel',
      validator: {
        validate: isSlaLevel,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a number (0.8 for 80 %) or a band { low, high }`,
          options,
        ),
      },
    },
    options,
  );
}
