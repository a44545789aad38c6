#include "core/cardtokensignature.h"

#include <algorithm>
#include <string>

namespace tapledger {

Result<Ed25519PublicKey> verifiedCardTokenSigner(ByteView tokenBytes)
{
    using L = CardTokenLayout;
    if (tokenBytes.size() != L::kSize)
        return fail(ErrorCode::InvalidArgument, "a card-state token is " + std::to_string(L::kSize) + " bytes, not " +
                                                    std::to_string(tokenBytes.size()));
    Ed25519PublicKey signer{};
    Ed25519Signature signature{};
    std::copy_n(tokenBytes.begin() + L::kSignerOffset, signer.size(), signer.begin());
    std::copy_n(tokenBytes.begin() + L::kSignedSize, signature.size(), signature.begin());
    if (!ed25519Verify(signer, tokenBytes.first(L::kSignedSize), signature))
        return fail(ErrorCode::Crypto, "the card-state token's signature does not verify");
    return signer;
}

} // namespace tapledger
