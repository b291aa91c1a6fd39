package com.minishop.bill;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A downloaded bill file, GZIP or plain, and the SHA-1 WeChat gave for it. WeChat hashes the uncompressed
 * bytes, so the whole file is decompressed and hashed before a single row is trusted ({@link #verify});
 * then {@link #open} streams the same uncompressed bytes to the reader. Nothing is held in memory.
 */
public final class BillFile {

    private final Path file;
    private final boolean gzip;

    public BillFile(Path file, boolean gzip) {
        this.file = file;
        this.gzip = gzip;
    }

    /** Throws {@link BillFormatException} unless the uncompressed bytes' SHA-1 is {@code sha1Hex} (any case). */
    public void verify(String sha1Hex) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = open()) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                sha1.update(buffer, 0, n);
            }
        } catch (ZipException e) {
            throw new BillFormatException("the bill file is not valid GZIP: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (!actual.equalsIgnoreCase(sha1HexOrEmpty(sha1Hex))) {
            throw new BillFormatException(
                    "the bill's SHA-1 is " + actual + ", WeChat Pay gave " + sha1Hex + ": discarded, nothing applied");
        }
    }

    /** The uncompressed bytes. */
    public InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        } catch (IOException e) {
            raw.close();
            if (e instanceof ZipException z) {
                throw new BillFormatException("the bill file is not valid GZIP: " + z.getMessage());
            }
            throw e;
        }
    }

    private static String sha1HexOrEmpty(String hex) {
        return hex == null ? "" : hex;
    }
}
