#include "services/cardspend.h"

#include "services/cardservice.h"
#include "services/engineservice.h"
#include "services/sessionservice.h"

#include <cstdio>
#include <string>

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

std::optional<CardStateUpdate> cardStateToRestore(EngineService &engine, const nfc::TapResult &tap)
{
    if (tap.kind != nfc::TapResult::Kind::Member || !tap.state ||
        tap.state->signer != engine.engine().deviceKey().publicKey())
        return std::nullopt;
    const nfc::CardStateToken &token = *tap.state;
    auto view = engine.engine().member(token.memberId);
    if (!view)
        return std::nullopt;
    const uint64_t height = engine.engine().ledger().size();
    const bool sameBalances = token.deposit == view->deposit && token.bonus == view->bonus && token.points == view->points;
    if (sameBalances && token.ledgerSeq <= height)
        return std::nullopt;
    CardStateUpdate update;
    update.member = token.memberId;
    update.deposit = view->deposit;
    update.bonus = view->bonus;
    update.points = view->points;
    update.currency = engine.engine().policy().currency;
    update.ledgerSeq = height;
    update.timeMs = engine.nowMs();
    return update;
}

void restoreCardFromLedger(EngineService &engine, CardService &cards, const nfc::TapResult &tap)
{
    auto update = cardStateToRestore(engine, tap);
    if (!update)
        return;
    const nfc::CardStateToken &token = *tap.state;
    std::fprintf(stderr,
                 "tapledger-kiosk: card %s holds this kiosk's state #%u (ledger seq %llu; deposit %lld, bonus %lld, "
                 "points %lld) that the ledger (height %llu; %lld, %lld, %lld) does not: rewriting it from the ledger\n",
                 token.cardId.toString().c_str(), token.counter, static_cast<unsigned long long>(token.ledgerSeq),
                 static_cast<long long>(token.deposit), static_cast<long long>(token.bonus),
                 static_cast<long long>(token.points), static_cast<unsigned long long>(update->ledgerSeq),
                 static_cast<long long>(update->deposit), static_cast<long long>(update->bonus),
                 static_cast<long long>(update->points));
    const std::string card = token.cardId.toString();
    cards.writeState(std::move(*update), &engine, [card](const nfc::StateWriteOutcome &outcome) {
        if (outcome.kind == nfc::StateWriteOutcome::Kind::Committed)
            std::fprintf(stderr, "tapledger-kiosk: card %s rewritten from the ledger\n", card.c_str());
        else
            std::fprintf(stderr, "tapledger-kiosk: card %s not rewritten (%s): again at its next tap\n", card.c_str(),
                         outcome.detail.c_str());
    });
}

Result<CardTokenAdoption> adoptFleetToken(EngineService &engine, const nfc::TapResult &tap)
{
    if (tap.kind != nfc::TapResult::Kind::Member || !tap.state)
        return CardTokenAdoption{};
    auto facts = nfc::cardTokenFacts(*tap.state);
    if (!facts)
        return std::move(facts).error();
    auto adopted = engine.engine().adoptCardToken(*facts);
    if (!adopted) {
        std::fprintf(stderr, "tapledger-kiosk: token written by kiosk %s refused: %s\n", tap.state->kioskId.c_str(),
                     adopted.error().message.c_str());
        return adopted;
    }
    if (adopted->kind == CardTokenAdoption::Kind::Adopted) {
        std::fprintf(stderr,
                     "tapledger-kiosk: card %s carries kiosk %s's state #%u: view brought up to it (deposit %+lld, "
                     "bonus %+lld, points %+lld)\n",
                     tap.state->cardId.toString().c_str(), tap.state->kioskId.c_str(), tap.state->counter,
                     static_cast<long long>(adopted->depositDelta), static_cast<long long>(adopted->bonusDelta),
                     static_cast<long long>(adopted->pointsDelta));
        engine.notifyWritten();
    }
    return adopted;
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
