#include "controllers/memberhomecontroller.h"

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace tapledger::kiosk {

MemberHomeController::MemberHomeController(QObject *parent) : ControllerBase(parent) {}

void MemberHomeController::refresh()
{
    if (!hasMember()) {
        clear();
        return;
    }
    auto view = engine().member(session()->member());
    if (!view) {
        reportError(view.error());
        return;
    }
    const EngineService &svc = *engineService();
    m_name = qs(view->name);
    m_birthdayWeek = svc.calendar().isBirthdayWeek(view->birthday, svc.nowMs());
    m_deposit = svc.money(view->deposit);
    m_bonus = svc.money(view->bonus);
    m_storedValue = svc.money(view->deposit + view->bonus);
    m_points = view->points;
    m_currency = svc.currency();
    m_tierName = qs(view->tierName);
    m_tierProgress = qs(view->tierProgress);
    m_expiringPoints = view->expiries.empty() ? 0 : view->expiries.front().points;
    m_expiringDate = view->expiries.empty() ? QString() : svc.localDate(view->expiries.front().expiresMs);
    std::vector<VoucherView> open;
    for (const auto &v : view->vouchers)
        if (v.status == "open")
            open.push_back(v);
    std::stable_sort(open.begin(), open.end(),
                     [](const VoucherView &a, const VoucherView &b) { return a.expiresMs < b.expiresMs; });
    m_openVouchers = static_cast<int>(open.size());
    m_vouchers.clear();
    for (const auto &v : open)
        m_vouchers.append(QVariantMap{{u"number"_s, static_cast<qulonglong>(v.id)},
                                      {u"value"_s, svc.money(v.value)},
                                      {u"minSpend"_s, v.minSpend > 0 ? svc.money(v.minSpend) : QString()},
                                      {u"expires"_s, v.expiresMs == INT64_MAX ? QString() : svc.localDateTime(v.expiresMs)}});
    auto offers = engine().offers(session()->member());
    m_offers.setOffers(offers ? std::move(*offers) : std::vector<Offer>{});
    Q_EMIT changed();
}

void MemberHomeController::clear()
{
    m_name.clear();
    m_deposit.clear();
    m_bonus.clear();
    m_storedValue.clear();
    m_tierName.clear();
    m_tierProgress.clear();
    m_expiringDate.clear();
    m_birthdayWeek = false;
    m_points = m_expiringPoints = 0;
    m_openVouchers = 0;
    m_vouchers.clear();
    m_offers.setOffers({});
    Q_EMIT changed();
}

bool MemberHomeController::acceptOffer(int row)
{
    if (!hasMember() || row < 0 || row >= m_offers.rowCount())
        return false;
    const Offer offer = m_offers.offer(row);
    auto receipt = engine().acceptOffer(session()->member(), offer.id);
    if (!receipt)
        return reportError(receipt.error());
    clearError();
    session()->setReceipt(*receipt, qs(offer.title), engineService()->nowMs());
    engineService()->notifyWritten();
    Q_EMIT offerAccepted();
    return true;
}

} // namespace tapledger::kiosk
