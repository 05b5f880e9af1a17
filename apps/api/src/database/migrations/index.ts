import { CreateCoreSchema1763700000000 } from './1763700000000-create-core-schema';

/** Every migration, in order. Listed explicitly so the bundled api needs no file globbing. */
export const MIGRATIONS = [CreateCoreSchema1763700000000];
