#pragma once

#include <QImage>
#include <QQuickImageProvider>

namespace tapledger::kiosk {

/// Renders QR codes (ISO/IEC 18004, error correction level M, via libqrencode) for QML:
/// `Image { source: "image://qr/" + encodeURIComponent(text) }`. Black modules on white with a
/// four-module quiet zone, scaled to the requested size.
class QrImageProvider : public QQuickImageProvider
{
public:
    QrImageProvider();
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

    /// The QR code of @p text (UTF-8), @p moduleSize pixels per module; a null image when the text
    /// does not fit a QR code.
    static QImage render(const QByteArray &text, int moduleSize);
};

} // namespace tapledger::kiosk
