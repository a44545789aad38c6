#include "services/taprouter.h"

#include "services/cardservice.h"
#include "services/cardspend.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"

#include <utility>

namespace tapledger::kiosk {

TapRouter::TapRouter(CardService &cards, EngineService &engine, SessionService &session, QObject *parent)
    : QObject(parent), m_cards(cards), m_engine(engine), m_session(session)
{
    cards.setTapHandler([this](const nfc::TapResult &tap) { onTap(tap); });
    cards.setRemovalHandler([this] { onRemoved(); });
}

void TapRouter::onTap(const nfc::TapResult &tap)
{
    m_session.clearNotice();
    m_session.touch();
    m_inField = Uuid();
    switch (tap.kind) {
    case nfc::TapResult::Kind::NotRecognised:
        // A DESFire card (non-zero UID) that is not ours: for staff this is the card to issue;
        // whether it is really blank is checked when it is personalised.
        if (m_session.hasStaff() && tap.uid != nfc::CardUid{}) {
            m_session.setBlankCardInField(true);
            m_session.showNotice(tr("Blank card: ready to issue"));
            return;
        }
        m_session.showNotice(tr("Card not recognised. Please try another card or ask our staff."));
        return;
    case nfc::TapResult::Kind::Refused: {
        if (tap.alert) {
            auto written = m_engine.engine().ledger().append(tap.alert->toLedgerDraft(m_engine.nowMs()));
            if (written)
                m_engine.notifyWritten();
        }
        m_session.showNotice(tr("This card cannot be used here. Please ask our staff for help."));
        return;
    }
    case nfc::TapResult::Kind::Staff:
        m_session.expectStaffPin(tap.record.memberId);
        return;
    case nfc::TapResult::Kind::Member:
        break;
    }
    auto member = m_engine.engine().memberForCard(tap.record.cardId);
    if (!member) {
        if (member.error().reason == ErrorReason::CardBlocked)
            m_session.showNotice(tr("This card has been blocked. Please ask our staff for help."));
        else if (member.error().reason == ErrorReason::UnknownCard)
            m_session.showNotice(tr("This card is not registered at this kiosk yet. Please ask our staff."));
        else
            m_session.showNotice(tr("This card cannot be used here. Please ask our staff for help."));
        return;
    }
    // Another fleet kiosk's newer token: the view takes it in before anything is shown or spent.
    if (auto adopted = adoptFleetToken(m_engine, tap); !adopted) {
        m_session.showNotice(tr("This card cannot be used here. Please ask our staff for help."));
        return;
    }
    auto view = m_engine.engine().member(*member);
    if (!view) {
        m_session.showNotice(qs(view.error().message));
        return;
    }
    m_inField = tap.record.cardId;
    restoreCardFromLedger(m_engine, m_cards, tap);
    m_session.startMember(*member, tap.record.cardId, qs(view->name));
}

void TapRouter::onRemoved()
{
    const Uuid removed = std::exchange(m_inField, Uuid());
    m_session.setBlankCardInField(false);
    if (m_session.busy())
        return;
    // Only the card that opened the session ends it: not a staff card, not the blank card being
    // issued, and not any card while a member found by lookup (no card) is open.
    if (!m_session.hasMember() || removed.isNil() || m_session.memberCard() != removed)
        return;
    m_session.endMember(SessionService::EndReason::CardRemoved);
}

} // namespace tapledger::kiosk
