#include "nfc/pkcs11cardkeystore.h"

#include "core/crypto/constanttime.h"
#include "nfc/cardlayout.h"

#include <p11-kit/pkcs11.h>

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

namespace tapledger::nfc {

namespace {

constexpr const char *kLabelPrefix = "tapledger-card-master-";

std::string rvText(CK_RV rv)
{
    char text[32];
    std::snprintf(text, sizeof text, "CKR 0x%lX", static_cast<unsigned long>(rv));
    return text;
}

Error p11Error(const char *what, CK_RV rv)
{
    const ErrorCode code = rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LOCKED ? ErrorCode::Denied : ErrorCode::Crypto;
    return fail(code, std::string("PKCS#11 ") + what + " failed (" + rvText(rv) + ")");
}

std::string paddedLabel(const CK_UTF8CHAR (&label)[32])
{
    std::string s(reinterpret_cast<const char *>(label), sizeof label);
    s.erase(s.find_last_not_of(' ') + 1);
    return s;
}

} // namespace

struct Pkcs11CardKeyStore::Module
{
    void *library = nullptr;
    CK_FUNCTION_LIST_PTR f = nullptr;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    bool initialised = false;

    ~Module()
    {
        if (f && session != CK_INVALID_HANDLE) {
            f->C_Logout(session);
            f->C_CloseSession(session);
        }
        if (f && initialised)
            f->C_Finalize(nullptr);
        if (library)
            ::dlclose(library);
    }
};

Pkcs11CardKeyStore::Pkcs11CardKeyStore(std::unique_ptr<Module> module) : m_module(std::move(module)) {}

Pkcs11CardKeyStore::~Pkcs11CardKeyStore() = default;

Result<std::unique_ptr<Pkcs11CardKeyStore>> Pkcs11CardKeyStore::open(const Config &config)
{
    auto m = std::make_unique<Module>();
    m->library = ::dlopen(config.module.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!m->library)
        return fail(ErrorCode::NotFound, "cannot load PKCS#11 module " + config.module);
    auto getList = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(m->library, "C_GetFunctionList"));
    if (!getList || getList(&m->f) != CKR_OK || !m->f)
        return fail(ErrorCode::NotFound, config.module + " is not a PKCS#11 module");
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    if (const CK_RV rv = m->f->C_Initialize(&args); rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return p11Error("C_Initialize", rv);
    m->initialised = true;
    CK_ULONG count = 0;
    if (const CK_RV rv = m->f->C_GetSlotList(CK_TRUE, nullptr, &count); rv != CKR_OK)
        return p11Error("C_GetSlotList", rv);
    std::vector<CK_SLOT_ID> slots(count);
    if (const CK_RV rv = m->f->C_GetSlotList(CK_TRUE, slots.data(), &count); rv != CKR_OK)
        return p11Error("C_GetSlotList", rv);
    std::optional<CK_SLOT_ID> slot;
    for (CK_ULONG i = 0; i < count && !slot; ++i) {
        CK_TOKEN_INFO info{};
        if (m->f->C_GetTokenInfo(slots[i], &info) == CKR_OK && paddedLabel(info.label) == config.tokenLabel)
            slot = slots[i];
    }
    if (!slot)
        return fail(ErrorCode::NotFound, "no PKCS#11 token labelled \"" + config.tokenLabel + "\"");
    if (const CK_RV rv = m->f->C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &m->session);
        rv != CKR_OK)
        return p11Error("C_OpenSession", rv);
    std::string pin = config.pin;
    const CK_RV login = m->f->C_Login(m->session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin.data()),
                                      static_cast<CK_ULONG>(pin.size()));
    secureZero(std::span<uint8_t>(reinterpret_cast<uint8_t *>(pin.data()), pin.size()));
    if (login != CKR_OK && login != CKR_USER_ALREADY_LOGGED_IN)
        return p11Error("C_Login", login);
    std::unique_ptr<Pkcs11CardKeyStore> store(new Pkcs11CardKeyStore(std::move(m)));
    TL_TRY(store->refresh());
    return store;
}

Result<Pkcs11CardKeyStore::Config> Pkcs11CardKeyStore::configFromUri(std::string_view uri)
{
    constexpr std::string_view scheme = "pkcs11:";
    const auto bad = [] {
        return fail(ErrorCode::InvalidArgument,
                    "token setting must be pkcs11:module=<path>;token=<label>;pin-file=<path>");
    };
    if (uri.substr(0, scheme.size()) != scheme)
        return bad();
    Config c;
    std::string pinFile;
    std::string_view rest = uri.substr(scheme.size());
    while (!rest.empty()) {
        const auto end = std::min(rest.find(';'), rest.size());
        const std::string_view item = rest.substr(0, end);
        rest = end < rest.size() ? rest.substr(end + 1) : std::string_view{};
        const auto eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size())
            return bad();
        const std::string_view key = item.substr(0, eq);
        const std::string value(item.substr(eq + 1));
        std::string *slot = key == "module" ? &c.module : key == "token" ? &c.tokenLabel : key == "pin-file" ? &pinFile : nullptr;
        if (!slot || !slot->empty())
            return bad(); // unknown or repeated attribute
        *slot = value;
    }
    if (c.module.empty() || c.tokenLabel.empty() || pinFile.empty())
        return bad();
    struct stat st{};
    if (::stat(pinFile.c_str(), &st) != 0)
        return fail(ErrorCode::NotFound, "no token PIN file " + pinFile);
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        return fail(ErrorCode::Denied, "token PIN file " + pinFile + " must be mode 0600");
    std::ifstream in(pinFile, std::ios::binary);
    if (!in || !std::getline(in, c.pin) || c.pin.empty())
        return fail(ErrorCode::Io, "cannot read the token PIN from " + pinFile);
    return c;
}

Result<void> Pkcs11CardKeyStore::refresh()
{
    CK_FUNCTION_LIST_PTR f = m_module->f;
    CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
    CK_KEY_TYPE type = CKK_AES;
    CK_ATTRIBUTE query[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_KEY_TYPE, &type, sizeof type}};
    if (const CK_RV rv = f->C_FindObjectsInit(m_module->session, query, 2); rv != CKR_OK)
        return p11Error("C_FindObjectsInit", rv);
    std::vector<CK_OBJECT_HANDLE> found;
    for (;;) {
        CK_OBJECT_HANDLE batch[16];
        CK_ULONG n = 0;
        if (f->C_FindObjects(m_module->session, batch, 16, &n) != CKR_OK || n == 0)
            break;
        found.insert(found.end(), batch, batch + n);
    }
    f->C_FindObjectsFinal(m_module->session);
    m_objects.clear();
    const std::string prefix(kLabelPrefix);
    for (const CK_OBJECT_HANDLE h : found) {
        char label[64] = {};
        CK_ATTRIBUTE attr{CKA_LABEL, label, sizeof label - 1};
        if (f->C_GetAttributeValue(m_module->session, h, &attr, 1) != CKR_OK)
            continue;
        const std::string text(label, attr.ulValueLen);
        if (text.rfind(prefix, 0) != 0)
            continue;
        const std::string number = text.substr(prefix.size());
        if (number.empty() || number.size() > 3 || number.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const unsigned long g = std::stoul(number);
        if (g >= 1 && g <= 255)
            m_objects[static_cast<uint8_t>(g)] = h;
    }
    return {};
}

uint8_t Pkcs11CardKeyStore::current() const noexcept
{
    const std::lock_guard lock(m_mutex);
    return m_objects.empty() ? 0 : m_objects.rbegin()->first;
}

Result<Aes128Key> Pkcs11CardKeyStore::cardKey(uint8_t version, const CardUid &uid, uint32_t aid, uint8_t keyNo) const
{
    const std::lock_guard lock(m_mutex);
    auto it = m_objects.find(version);
    if (it == m_objects.end())
        return fail(ErrorCode::NotFound, "key generation " + std::to_string(version) + " is not in the token");
    Bytes d{0x01};
    const Bytes m = CardLayout::diversificationInput(uid, aid, keyNo);
    d.insert(d.end(), m.begin(), m.end());
    // AN10922 pads 0x01 || M to 32 bytes and uses K2; a standard CMAC does the same for 17..31 bytes.
    static_assert(CardLayout::kDiversificationInputSize + 1 > 16 && CardLayout::kDiversificationInputSize + 1 < 32);
    CK_MECHANISM mech{CKM_AES_CMAC, nullptr, 0};
    CK_FUNCTION_LIST_PTR f = m_module->f;
    if (const CK_RV rv = f->C_SignInit(m_module->session, &mech, it->second); rv != CKR_OK)
        return p11Error("C_SignInit(CKM_AES_CMAC)", rv);
    Aes128Key key{};
    CK_ULONG len = key.size();
    const CK_RV rv = f->C_Sign(m_module->session, d.data(), static_cast<CK_ULONG>(d.size()), key.data(), &len);
    if (rv != CKR_OK || len != key.size()) {
        secureZero(key);
        return p11Error("C_Sign(CKM_AES_CMAC)", rv == CKR_OK ? CKR_GENERAL_ERROR : rv);
    }
    return key;
}

Result<void> Pkcs11CardKeyStore::addMaster(uint8_t version, const std::optional<Aes128Key> &value)
{
    {
        const std::lock_guard lock(m_mutex);
        if (version == 0)
            return fail(ErrorCode::InvalidArgument, "key generation must be 1..255");
        if (m_objects.count(version))
            return fail(ErrorCode::AlreadyExists, "key generation " + std::to_string(version) + " is already in the token");
        std::string label = kLabelPrefix + std::to_string(version);
        CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
        CK_KEY_TYPE type = CKK_AES;
        CK_BBOOL yes = CK_TRUE;
        CK_BBOOL no = CK_FALSE;
        CK_ULONG length = 16;
        Aes128Key copy = value.value_or(Aes128Key{});
        std::vector<CK_ATTRIBUTE> attrs = {
            {CKA_CLASS, &cls, sizeof cls},         {CKA_KEY_TYPE, &type, sizeof type},
            {CKA_TOKEN, &yes, sizeof yes},         {CKA_PRIVATE, &yes, sizeof yes},
            {CKA_SENSITIVE, &yes, sizeof yes},     {CKA_EXTRACTABLE, &no, sizeof no},
            {CKA_SIGN, &yes, sizeof yes},          {CKA_ENCRYPT, &no, sizeof no},
            {CKA_DECRYPT, &no, sizeof no},         {CKA_VERIFY, &no, sizeof no},
            {CKA_WRAP, &no, sizeof no},            {CKA_UNWRAP, &no, sizeof no},
            {CKA_DERIVE, &no, sizeof no},          {CKA_LABEL, label.data(), static_cast<CK_ULONG>(label.size())},
        };
        CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
        CK_RV rv = CKR_OK;
        if (value) {
            attrs.push_back({CKA_VALUE, copy.data(), static_cast<CK_ULONG>(copy.size())});
            rv = m_module->f->C_CreateObject(m_module->session, attrs.data(), static_cast<CK_ULONG>(attrs.size()), &handle);
        } else {
            attrs.push_back({CKA_VALUE_LEN, &length, sizeof length});
            CK_MECHANISM gen{CKM_AES_KEY_GEN, nullptr, 0};
            rv = m_module->f->C_GenerateKey(m_module->session, &gen, attrs.data(), static_cast<CK_ULONG>(attrs.size()),
                                            &handle);
        }
        secureZero(copy);
        if (rv != CKR_OK)
            return p11Error(value ? "C_CreateObject" : "C_GenerateKey", rv);
    }
    return refresh();
}

Result<void> Pkcs11CardKeyStore::checkNotExtractable(uint8_t version) const
{
    const std::lock_guard lock(m_mutex);
    auto it = m_objects.find(version);
    if (it == m_objects.end())
        return fail(ErrorCode::NotFound, "key generation " + std::to_string(version) + " is not in the token");
    CK_BBOOL extractable = CK_TRUE;
    CK_ATTRIBUTE flag{CKA_EXTRACTABLE, &extractable, sizeof extractable};
    if (m_module->f->C_GetAttributeValue(m_module->session, it->second, &flag, 1) != CKR_OK || extractable != CK_FALSE)
        return fail(ErrorCode::Conflict, "key generation " + std::to_string(version) + " is extractable");
    std::array<uint8_t, 32> value{};
    CK_ATTRIBUTE attr{CKA_VALUE, value.data(), value.size()};
    const CK_RV rv = m_module->f->C_GetAttributeValue(m_module->session, it->second, &attr, 1);
    secureZero(value);
    if (rv != CKR_ATTRIBUTE_SENSITIVE)
        return fail(ErrorCode::Conflict, "the token revealed (or did not refuse) key generation " + std::to_string(version));
    return {};
}

} // namespace tapledger::nfc
