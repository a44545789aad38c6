#include "services/cardissue.h"

#include "services/cardservice.h"
#include "services/cardspend.h"
#include "services/engineservice.h"

#include "nfc/memberrecord.h"

namespace tapledger::kiosk {

void runCardIssue(EngineService &engine, CardService &cards, const Uuid &member, const QString &issuer,
                  QObject *context, const std::function<Result<Receipt>(const Uuid &cardId)> &registerCard,
                  std::function<void(bool)> busy, std::function<void(const CardIssueOutcome &)> done)
{
    nfc::MemberRecord record;
    record.type = nfc::MemberRecord::CardType::Member;
    record.role = Card::Role::None;
    record.cardId = Uuid::generate();
    record.memberId = member;
    record.issuer = issuer.toStdString();
    record.issuedAtMs = engine.nowMs();
    const Uuid cardId = record.cardId;
    if (auto encoded = record.encode(); !encoded) {
        done({std::move(encoded).error(), cardId, false, true});
        return;
    }
    if (auto begun = engine.engine().beginBatch(); !begun) {
        done({std::move(begun).error(), cardId, false, true});
        return;
    }
    auto receipt = registerCard(cardId);
    if (!receipt) {
        engine.engine().rollbackBatch();
        done({std::move(receipt).error(), cardId, false, true});
        return;
    }
    std::optional<CardStateUpdate> initialState;
    if (CardStateUpdate s = cardStateAfter(engine, *receipt); s.deposit != 0 || s.bonus != 0 || s.points != 0) {
        s.member = member;
        initialState = std::move(s);
    }
    busy(true);
    // The engine service is the context: the batch must be finished even if the screen is gone.
    QPointer<QObject> ctx(context);
    EngineService *svc = &engine;
    const int64_t timeMs = record.issuedAtMs;
    cards.issueCard(std::move(record), timeMs, std::move(initialState), svc,
                    [svc, ctx, receipt = std::move(*receipt), cardId, busy, done](const CardIssueResult &issued) {
                        CardIssueOutcome outcome{receipt, cardId, false, true};
                        if (!issued.uid) {
                            svc->engine().rollbackBatch();
                            outcome.receipt = issued.uid.error();
                            outcome.cardFailed = true;
                        } else if (auto committed = svc->engine().commitBatch(); !committed) {
                            outcome.receipt = std::move(committed).error();
                        } else if (issued.state && issued.state->kind != nfc::StateWriteOutcome::Kind::Committed) {
                            // The card is ours now, so the registration stands: the ledger is the
                            // record of value and the card mirror catches up at its next write.
                            outcome.balancesWritten = false;
                        }
                        svc->notifyWritten();
                        if (!ctx)
                            return;
                        busy(false);
                        done(outcome);
                    });
}

} // namespace tapledger::kiosk
