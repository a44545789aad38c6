#include "services/cardspend.h"

#include "services/cardservice.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"

namespace tapledger::kiosk {

namespace {
int64_t after(const Receipt &r, const char *balance, int64_t fallback)
{
    for (const auto &l : r.balances)
        if (l.balance == balance)
            return l.after;
    return fallback;
}
} // namespace

CardStateUpdate cardStateAfter(EngineService &engine, const Receipt &receipt)
{
    auto view = engine.engine().member(receipt.member);
    CardStateUpdate update;
    update.member = receipt.member;
    update.deposit = after(receipt, "deposit", view ? view->deposit : 0);
    update.bonus = after(receipt, "bonus", view ? view->bonus : 0);
    update.points = after(receipt, "points", view ? view->points : 0);
    update.currency = engine.engine().policy().currency;
    update.ledgerSeq = receipt.seqs.empty() ? engine.engine().ledger().size() : receipt.seqs.back();
    update.timeMs = engine.nowMs();
    return update;
}

void runCardSpend(EngineService &engine, SessionService &session, CardService *cards, QObject *context,
                  const std::function<Result<Receipt>()> &action, std::function<void(bool)> busy,
                  std::function<void(const Result<Receipt> &)> done)
{
    if (auto begun = engine.engine().beginBatch(); !begun) {
        done(std::move(begun).error());
        return;
    }
    auto receipt = action();
    const bool useCard = receipt && cards && !session.memberCard().isNil();
    if (!useCard) {
        auto committed = engine.engine().commitBatch();
        engine.notifyWritten();
        if (receipt && !committed)
            done(std::move(committed).error());
        else
            done(receipt);
        return;
    }
    CardStateUpdate update = cardStateAfter(engine, *receipt);
    busy(true);
    // The engine service is the context: the batch must be finished even if the screen is gone.
    QPointer<QObject> ctx(context);
    EngineService *svc = &engine;
    cards->writeState(std::move(update), svc,
                      [svc, ctx, receipt = std::move(*receipt), busy, done](const nfc::StateWriteOutcome &outcome) {
                          Result<Receipt> result = receipt;
                          if (outcome.kind != nfc::StateWriteOutcome::Kind::Committed) {
                              svc->engine().rollbackBatch();
                              result = fail(ErrorCode::Io, ErrorReason::CardRemoved,
                                            "the card left the reader before the update was committed: nothing "
                                            "was charged (" + outcome.detail + ")");
                          } else if (auto committed = svc->engine().commitBatch(); !committed) {
                              result = std::move(committed).error();
                          }
                          svc->notifyWritten();
                          if (!ctx)
                              return;
                          busy(false);
                          done(result);
                      });
}

} // namespace tapledger::kiosk
