// Loads libnfc's configuration (/etc/nfc/libnfc.conf and /etc/nfc/devices.d/*.conf) the way any
// libnfc program does, without opening a device. With LIBNFC_LOG_LEVEL=3 libnfc logs every key it
// read, the keys it did not know, the lines it could not parse and the user-defined devices.
#include <nfc/nfc.h>

int main()
{
    nfc_context *context = nullptr;
    nfc_init(&context);
    if (!context)
        return 1;
    nfc_exit(context);
    return 0;
}
