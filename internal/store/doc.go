// Package store is tally's ledger: the documents read, the figure claims
// found in them, and the sources that assert them, kept in one SQLite file
// (the default: nothing to install or start) or in PostgreSQL (shared or
// large ledgers). Both backends sit behind one interface, Store, and pass
// the same test suite, so every command works the same on either.
//
// Ingest is idempotent and crash-safe: a document is stored in one
// transaction with all its figures (Add), or with a batch of others
// (AddBatch), and a document seen before (same URL, same canonical URL or
// same text) is not stored again, so a batch cut short by a crash and
// done again stores nothing twice. Syndicated copies
// with small edits are stored but linked to the first copy, and the
// figures they merely repeat are flagged so that no count or series counts
// them twice.
//
// Files:
//
//	store.go      the Store interface and its types; Open and DSN
//	dedupe.go     duplicate and near-duplicate detection: URL keys,
//	              content hash, MinHash bands, Jaccard
//	sqlstore.go   Add, shared by both backends over database/sql
//	batch.go      AddBatch: many documents in one transaction
//	read.go       the read pool, prepared reads, DataVersion
//	query.go      Figures, Reports, Document, Series, Stats
//	schema.go     versioned migrations, migrations/DIALECT/NNNN_name.sql
//	sqlite.go     the SQLite backend (modernc.org/sqlite, no cgo)
//	postgres.go   the PostgreSQL backend (pgx)
package store
