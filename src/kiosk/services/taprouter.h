#pragma once

#include "core/uuid.h"
#include "nfc/cardterminal.h"

#include <QObject>

namespace tapledger::kiosk {

class CardService;
class EngineService;
class SessionService;

/// Decides what a tap means (created and wired in main.cpp): a member card of a known, active
/// card starts a guest session; a staff card asks for the staff PIN; a DESFire card that is not
/// ours, tapped while staff are logged in, is the blank card to issue ("Blank card: ready to
/// issue", SessionService::blankCardInField); otherwise a card that fails authentication shows
/// "Card not recognised"; a refused card state (clone, rollback, bad signature) is written to the
/// ledger as a CardAlert for HQ and the card is not used. Removing the card that opened the guest
/// session ends it unless a card write is in flight; removing any other card (a staff card, a
/// blank or newly issued card, with a session opened by staff lookup) does not. A member card whose
/// own-kiosk state disagrees with the ledger is rewritten from the ledger first
/// (restoreCardFromLedger, the card–ledger window); a newer token another fleet kiosk wrote is
/// taken into the view first (adoptFleetToken), and a token the engine refuses refuses the card.
class TapRouter : public QObject
{
    Q_OBJECT

public:
    TapRouter(CardService &cards, EngineService &engine, SessionService &session, QObject *parent = nullptr);

    /// Handles one tap (GUI thread).
    void onTap(const nfc::TapResult &tap);
    /// Handles the removal of the tapped card (GUI thread).
    void onRemoved();

private:
    CardService &m_cards;
    EngineService &m_engine;
    SessionService &m_session;
    Uuid m_inField; // the TapLedger card id of the member card in the field; nil for any other card
};

} // namespace tapledger::kiosk
