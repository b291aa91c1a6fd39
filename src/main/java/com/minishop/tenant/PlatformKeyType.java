package com.minishop.tenant;

/** How WeChat Pay identifies a key that signs notifications. */
public enum PlatformKeyType {
    /** A WeChat Pay public key; its serial starts with {@code PUB_KEY_ID_}. */
    PUBLIC_KEY,
    /** A platform certificate; its serial is the certificate's serial number in hex. */
    CERTIFICATE
}
