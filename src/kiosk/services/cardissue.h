#pragma once

#include "core/engine/enginetypes.h"
#include "core/result.h"
#include "core/uuid.h"

#include <QObject>
#include <QString>

#include <functional>

namespace tapledger::kiosk {

class CardService;
class EngineService;

/// The issuer code written into new member cards (nfc::MemberRecord::issuer, 1..16 ASCII) unless
/// the screen's `issuer` property says otherwise.
inline constexpr const char *kDefaultCardIssuer = "TAPLEDGER";

/// Personalises the blank card in the field as a new member card of @p member (a fresh card id,
/// @p issuer, issued now) and registers it in the engine as one step: @p registerCard(cardId)
/// runs first inside an engine batch, so a refusal (unknown member, old card not active) leaves
/// the card blank; then CardService::issueCard writes the card and, when the member holds any
/// deposit, bonus or points after the registration (a replacement moves them onto the new card),
/// the card state with those balances in the same card job; the batch commits only when the
/// card was personalised, else it rolls back and nothing is registered. @p busy(true/false) brackets
/// the card write; @p done runs on the GUI thread unless @p context is destroyed first (the batch
/// is finished either way). Used by the enrol and replace-card screens.
struct CardIssueOutcome
{
    Result<Receipt> receipt;  ///< the registration's receipt, or the card's or the engine's error
    Uuid cardId;              ///< the new card's TapLedger id
    bool cardFailed = false;  ///< the error came from the card (none in the field, not blank…)
    /// False when the card was personalised and registered but its balances could not be
    /// written (it left the reader just after): the ledger holds them; the card gets them at its
    /// next top-up or payment.
    bool balancesWritten = true;
};
void runCardIssue(EngineService &engine, CardService &cards, const Uuid &member, const QString &issuer,
                  QObject *context, const std::function<Result<Receipt>(const Uuid &cardId)> &registerCard,
                  std::function<void(bool)> busy, std::function<void(const CardIssueOutcome &)> done);

} // namespace tapledger::kiosk
