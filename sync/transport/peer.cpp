#include "sync/transport/peer.h"

#include "sync/transport/x509util_p.h"

namespace tapledger::sync {

Result<Peer> peerOfCertificatePem(std::string_view certificatePem)
{
    auto cert = x509::certificateFromPem(certificatePem);
    if (!cert)
        return fail(ErrorCode::Corrupt, "not a PEM certificate");
    return x509::peerOfCertificate(cert.get());
}

} // namespace tapledger::sync
