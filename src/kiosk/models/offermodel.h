#pragma once

#include "core/engine/offer.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace tapledger::kiosk {

/// The offers for the member on the home screen, ranked (engine order), each with its one-line
/// reason. Roles: offerId, title, reason, acceptable (accepting grants a voucher or points).
/// Title and reason are in the screen language (EngineService's phrasebook: the policy's
/// translations), read when the view asks, so a language switch needs only a reset.
class OfferModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by MemberHomeController")

public:
    enum Role { OfferIdRole = Qt::UserRole + 1, TitleRole, ReasonRole, AcceptableRole };
    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces the rows.
    void setOffers(std::vector<Offer> offers);
    /// The offer at @p row; asserts a valid row.
    const Offer &offer(int row) const;

private:
    /// The filled reason in the screen language (Offer::reasonIn).
    static QString reasonText(const Offer &offer);

    std::vector<Offer> m_offers;
};

} // namespace tapledger::kiosk
