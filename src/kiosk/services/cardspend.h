#pragma once

#include "core/engine/enginetypes.h"
#include "core/result.h"
#include "services/cardservice.h"

#include <QObject>

#include <functional>
#include <optional>

namespace tapledger::kiosk {

class EngineService;
class SessionService;

/// The card state that mirrors the member of @p receipt after it: deposit, bonus and points
/// "after" from the receipt (the member's balances for those it does not list), the policy
/// currency, the receipt's last entry (the ledger height without one) and now.
CardStateUpdate cardStateAfter(EngineService &engine, const Receipt &receipt);

/// Spends a member's value so that it is acknowledged only when durable in the ledger and, for a
/// tapped card, committed on the card (DESIGN.md invariant 4):
///  1. the engine action runs inside an engine batch (nothing durable yet);
///  2. on an engine error the batch commits (it holds only the PIN failure counter) → @p done(error);
///  3. otherwise the new card state is written with CommitTransaction on the card worker;
///  4. Committed → the batch commits → @p done(receipt); NotCommitted or Unknown (card left the
///     field) → the batch rolls back, nothing is charged → @p done(Io, ErrorReason::CardRemoved).
/// Without a card (member found by staff lookup) step 3 is skipped. @p busy(true/false) brackets
/// the card write; @p done runs on the GUI thread unless @p context is destroyed first.
/// The card–ledger window (docs/decisions.md, "Issue 14"): a card whose state this kiosk signed
/// last must mirror this kiosk's ledger view of its member. It does not when the card committed
/// a state whose ledger batch never did (power cut between CommitTransaction and the ledger
/// commit, or a CommitTransaction answer lost with the card, which rolls the batch back) — then
/// the card is ahead, and the spend was never acknowledged — or when a change reached the ledger
/// without the card (staff lookup) — then it is behind. Returns the state to write back (the
/// ledger's deposit, bonus and points, ledger height, now) for a Member tap whose accepted token
/// is signed with this kiosk's device key and differs from the ledger view, or names a ledger
/// seq this ledger does not have; nullopt otherwise (other kiosks' tokens are HQ's to settle).
std::optional<CardStateUpdate> cardStateToRestore(EngineService &engine, const nfc::TapResult &tap);

/// Writes cardStateToRestore() to the card in the field, if any, as the next card job (before any
/// spend of the session that tap opens), so the member is never charged for an unacknowledged
/// spend and never shown two balances. Logged on stderr (the journal); a failed write is retried
/// at the next tap. Deterministic: the ledger wins for this kiosk's own states.
void restoreCardFromLedger(EngineService &engine, CardService &cards, const nfc::TapResult &tap);

/// Brings the engine's view of the tapped member up to the card's token when another fleet kiosk
/// wrote it after what this kiosk knows (Engine::adoptCardToken: one card_sync entry; docs/
/// sync-protocol.md "The card's token in the view"), on the GUI thread like any engine write (one
/// local SQLite append, no card or network I/O). Returns the adoption (NotNewer for a tap without
/// a token); an error means the token was refused and nothing was written: the card must not be
/// used for spending then (another currency, a negative balance, a key no longer active).
Result<CardTokenAdoption> adoptFleetToken(EngineService &engine, const nfc::TapResult &tap);

void runCardSpend(EngineService &engine, SessionService &session, CardService *cards, QObject *context,
                  const std::function<Result<Receipt>()> &action, std::function<void(bool)> busy,
                  std::function<void(const Result<Receipt> &)> done);

} // namespace tapledger::kiosk
