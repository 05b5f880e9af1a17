import { CreateCoreSchema1763700000000 } from './1763700000000-create-core-schema';
import { CreateIngestion1763730000000 } from './1763730000000-create-ingestion';

/** Every migration, in order. Listed explicitly so the bundled api needs no file globbing. */
export const MIGRATIONS = [CreateCoreSchema1763700000000, CreateIngestion1763730000000];
