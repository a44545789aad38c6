#include "services/qrimageprovider.h"

#include <QUrl>

#include <qrencode.h>

#include <memory>

namespace tapledger::kiosk {

namespace {
constexpr int kQuietZone = 4;

struct QrCodeDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};
} // namespace

QrImageProvider::QrImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}

QImage QrImageProvider::render(const QByteArray &text, int moduleSize)
{
    std::unique_ptr<QRcode, QrCodeDeleter> code(QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M));
    if (!code || moduleSize <= 0)
        return {};
    const int modules = code->width + 2 * kQuietZone;
    QImage image(modules * moduleSize, modules * moduleSize, QImage::Format_RGB32);
    image.fill(Qt::white);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (!(code->data[y * code->width + x] & 1))
                continue;
            for (int dy = 0; dy < moduleSize; ++dy)
                for (int dx = 0; dx < moduleSize; ++dx)
                    image.setPixel((x + kQuietZone) * moduleSize + dx, (y + kQuietZone) * moduleSize + dy, 0xff000000u);
        }
    }
    return image;
}

QImage QrImageProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const QByteArray text = QUrl::fromPercentEncoding(id.toUtf8()).toUtf8();
    QImage image = render(text, 4);
    if (!image.isNull() && requestedSize.isValid())
        image = image.scaled(requestedSize, Qt::KeepAspectRatio, Qt::FastTransformation);
    if (size)
        *size = image.size();
    return image;
}

} // namespace tapledger::kiosk
