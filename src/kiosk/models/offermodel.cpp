#include "models/offermodel.h"

#include "services/engineservice.h"

#include <cassert>

namespace tapledger::kiosk {

int OfferModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_offers.size());
}

QVariant OfferModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Offer &o = m_offers[static_cast<size_t>(index.row())];
    switch (role) {
    case OfferIdRole:
        return QString::fromStdString(o.id);
    case Qt::DisplayRole:
    case TitleRole:
        return EngineService::displayText(o.title);
    case ReasonRole:
        return reasonText(o);
    case AcceptableRole:
        return o.grant != Offer::Grant::None;
    default:
        return {};
    }
}

QString OfferModel::reasonText(const Offer &offer)
{
    const EngineService *svc = EngineService::instance();
    return QString::fromStdString(svc ? offer.reasonIn(svc->phrasebook()) : offer.reason);
}

QHash<int, QByteArray> OfferModel::roleNames() const
{
    return {{OfferIdRole, "offerId"}, {TitleRole, "title"}, {ReasonRole, "reason"}, {AcceptableRole, "acceptable"}};
}

void OfferModel::setOffers(std::vector<Offer> offers)
{
    beginResetModel();
    m_offers = std::move(offers);
    endResetModel();
}

const Offer &OfferModel::offer(int row) const
{
    assert(row >= 0 && static_cast<size_t>(row) < m_offers.size());
    return m_offers[static_cast<size_t>(row)];
}

} // namespace tapledger::kiosk
