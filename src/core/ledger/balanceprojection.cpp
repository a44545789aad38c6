#include "core/ledger/balanceprojection_p.h"

#include "core/checkedmath.h"
#include "core/store/sqlitedb_p.h"
#include "core/store/sqlitestatement_p.h"

namespace tapledger {

Result<void> BalanceProjection::createSchema(SqliteDb &db)
{
    return db.exec(R"sql(
        CREATE TABLE IF NOT EXISTS member_balances(
            member BLOB PRIMARY KEY,
            currency TEXT NOT NULL DEFAULT '',
            deposit INTEGER NOT NULL DEFAULT 0,
            bonus INTEGER NOT NULL DEFAULT 0,
            points INTEGER NOT NULL DEFAULT 0,
            entries INTEGER NOT NULL DEFAULT 0,
            last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS card_states(
            card BLOB PRIMARY KEY,
            member BLOB,
            counter INTEGER NOT NULL DEFAULT 0,
            last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
    )sql");
}

Result<void> BalanceProjection::apply(SqliteDb &db, const StoredEntry &stored)
{
    const LedgerEntry &e = stored.entry;
    const auto seq = static_cast<int64_t>(e.seq);
    if (!e.member.isNil()) {
        auto read = db.prepare("SELECT currency, deposit, bonus, points, entries FROM member_balances WHERE member = ?");
        if (!read)
            return std::move(read).error();
        read->bind(1, e.member.bytes());
        auto row = read->step();
        if (!row)
            return std::move(row).error();
        std::string currency;
        int64_t deposit = 0, bonus = 0, points = 0, entries = 0;
        if (*row) {
            currency = read->textAt(0);
            deposit = read->int64At(1);
            bonus = read->int64At(2);
            points = read->int64At(3);
            entries = read->int64At(4);
        }
        if (!e.currency.empty()) {
            if (!currency.empty() && currency != e.currency)
                return fail(ErrorCode::Conflict, "member " + e.member.toString() + " holds stored value in " + currency +
                                                     ", not " + e.currency);
            currency = e.currency;
        }
        auto newDeposit = checkedAdd(deposit, e.depositDelta, "deposit balance");
        auto newBonus = checkedAdd(bonus, e.bonusDelta, "bonus balance");
        auto newPoints = checkedAdd(points, e.pointsDelta, "points balance");
        if (!newDeposit)
            return std::move(newDeposit).error();
        if (!newBonus)
            return std::move(newBonus).error();
        if (!newPoints)
            return std::move(newPoints).error();
        auto write = db.prepare("INSERT OR REPLACE INTO member_balances(member, currency, deposit, bonus, points, "
                                "entries, last_seq) VALUES(?, ?, ?, ?, ?, ?, ?)");
        if (!write)
            return std::move(write).error();
        write->bind(1, e.member.bytes()).bindText(2, currency).bind(3, *newDeposit).bind(4, *newBonus);
        write->bind(5, *newPoints).bind(6, entries + 1).bind(7, seq);
        TL_TRY(write->run());
    }
    if (!e.card.isNil()) {
        auto write = db.prepare(R"sql(
            INSERT INTO card_states(card, member, counter, last_seq) VALUES(?1, ?2, ?3, ?4)
            ON CONFLICT(card) DO UPDATE SET
                member = coalesce(excluded.member, card_states.member),
                counter = max(card_states.counter, excluded.counter),
                last_seq = excluded.last_seq)sql");
        if (!write)
            return std::move(write).error();
        write->bind(1, e.card.bytes());
        if (e.member.isNil())
            write->bindNull(2);
        else
            write->bind(2, e.member.bytes());
        // A card_alert carries a refused token's counter: never a counter this kiosk accepted
        // (a forged token with counter 2^32-1 would otherwise lock the genuine card out).
        write->bind(3, e.kind == EntryKind::CardAlert ? int64_t{0} : int64_t{e.cardCounter}).bind(4, seq);
        TL_TRY(write->run());
    }
    return {};
}

} // namespace tapledger
