package org.peertracker.api.privacy;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM as the JDK has it: a random 96-bit nonce per message, a 128-bit tag, the context as associated data
 * (so a ciphertext moved to another event, field or organisation does not open). Used for texts under their data
 * keys and for data keys under an organisation's wrapping key.
 */
final class Aead {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aead() {}

    /** A fresh random 256-bit key. */
    static byte[] newKey() {
        var key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Nonce, ciphertext and tag. */
    static byte[] seal(byte[] key, byte[] context, byte[] plain) {
        var nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            var sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plain bytes; empty when the ciphertext, its context or the key is not the one it was sealed with. */
    static Optional<byte[]> open(byte[] key, byte[] context, byte[] sealed) {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            var cipher = Cipher.getInstance(CIPHER);
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE)));
            cipher.updateAAD(context);
            return Optional.of(cipher.doFinal(sealed, NONCE, sealed.length - NONCE));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
