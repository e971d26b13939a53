// npm run db:migrate — applies the migrations (and graphile-worker's schema) to DATABASE_URL.
import '@/lib/dotenv';
import { migrateDatabase } from '@/db/migrate';
import { cliDatabaseUrl } from './db-url';

await migrateDatabase(cliDatabaseUrl());
console.log('Database migrated.');
