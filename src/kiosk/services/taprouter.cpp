#include "services/taprouter.h"

#include "services/cardservice.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"

namespace tapledger::kiosk {

TapRouter::TapRouter(CardService &cards, EngineService &engine, SessionService &session, QObject *parent)
    : QObject(parent), m_engine(engine), m_session(session)
{
    cards.setTapHandler([this](const nfc::TapResult &tap) { onTap(tap); });
    cards.setRemovalHandler([this] { onRemoved(); });
}

void TapRouter::onTap(const nfc::TapResult &tap)
{
    m_session.clearNotice();
    m_session.touch();
    switch (tap.kind) {
    case nfc::TapResult::Kind::NotRecognised:
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
        if (member.error().code == ErrorCode::Denied)
            m_session.showNotice(tr("This card has been blocked. Please ask our staff for help."));
        else
            m_session.showNotice(tr("This card is not registered at this kiosk yet. Please ask our staff."));
        return;
    }
    auto view = m_engine.engine().member(*member);
    if (!view) {
        m_session.showNotice(qs(view.error().message));
        return;
    }
    m_session.startMember(*member, tap.record.cardId, qs(view->name));
}

void TapRouter::onRemoved()
{
    if (m_session.busy())
        return;
    m_session.endMember(SessionService::EndReason::CardRemoved);
}

} // namespace tapledger::kiosk
