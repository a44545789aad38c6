#pragma once

#include "core/engine/enginetypes.h"
#include "core/result.h"
#include "services/cardservice.h"

#include <QObject>

#include <functional>

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
void runCardSpend(EngineService &engine, SessionService &session, CardService *cards, QObject *context,
                  const std::function<Result<Receipt>()> &action, std::function<void(bool)> busy,
                  std::function<void(const Result<Receipt> &)> done);

} // namespace tapledger::kiosk
