#pragma once
// Private to src/core: Ledger internals shared by ledger.cpp and ledgerverify.cpp.

#include "core/crypto/ed25519secretkey.h"
#include "core/ledger/ledger.h"
#include "core/ledger/merklefrontier.h"
#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"
#include "core/store/sqlitetransaction_p.h"

namespace tapledger {

struct Ledger::Impl
{
    std::unique_ptr<SqliteDb> db;
    std::string kioskId;
    Ed25519PublicKey devicePublicKey{};
    std::shared_ptr<const Ed25519SecretKey> signer;
    std::vector<std::unique_ptr<Projection>> projections;
    uint64_t size = 0;
    Sha256Digest head{};
    /// An open write scope and the chain tip when it began (what a rollback returns to).
    struct Scope
    {
        std::unique_ptr<SqliteTransaction> txn;
        uint64_t size = 0;
        Sha256Digest head{};
        bool headPending = false;
    };
    std::vector<Scope> scopes; ///< open write scopes, innermost last
    /// Appends inside a scope leave the signed head record to the outermost commit (one
    /// signature per durable commit, not per append); true while that write is owed.
    bool headPending = false;

    /// The signed chain-tip record kept in meta: "TLHEAD" | version | kiosk id | seq u64 BE | hash.
    std::vector<uint8_t> headRecordBytes(uint64_t seq, const Sha256Digest &hash) const;
    /// Writes the signed head record (meta head_seq, head_hash, head_sig) for @p seq / @p hash.
    Result<void> writeHead(uint64_t seq, const Sha256Digest &hash);
    /// Reads meta head_seq / head_hash.
    Result<void> loadHead(uint64_t &seq, Sha256Digest &hash, Ed25519Signature *signature = nullptr) const;
    /// The RFC 6962 right edge over the committed entries, so a tree head reads and hashes only
    /// the entries added since the previous one.
    MerkleFrontier frontier;

    /// The Merkle root over all entries and the tree size it covers (extends the frontier).
    Result<Sha256Digest> treeRoot(uint64_t &treeSize);
    /// Creates the projections' tables; builds those new to a non-empty ledger from its entries.
    Result<void> attachProjections();
    /// Decodes one row (seq, hash, body, signature) of the entries table.
    static Result<StoredEntry> rowToEntry(const SqliteStatement &row);
};

/// Reads a meta value; NotFound when absent.
Result<Bytes> readMeta(SqliteDb &db, std::string_view key);

} // namespace tapledger
