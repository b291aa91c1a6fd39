package com.minishop.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark's sender: one blocking HTTP/1.1 keep-alive connection, requests written as bytes
 * serialised before the clock starts, the answer's status read and its body skipped. On a 2-core box where
 * the load generator shares the CPU with the service and the database, {@code java.net.http.HttpClient}
 * (asynchronous, a selector thread and several hand-offs per request) cost about as much CPU per callback
 * as the database; this costs a write and a read. Handles {@code Content-Length}, chunked bodies and
 * {@code Connection: close} (Grizzly closes a keep-alive connection after its request limit); a request
 * whose reused connection turns out closed before any byte of an answer is sent once more on a new one.
 */
final class RawHttpClient implements AutoCloseable {

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean answerStarted;

    RawHttpClient(URI base, Duration timeout) {
        this.address = new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** The exact bytes of a POST of {@code body} to {@code uri} with these headers (plus Host, Content-Type/Length). */
    static byte[] post(URI uri, Map<String, List<String>> headers, byte[] body) {
        StringBuilder head = new StringBuilder(512)
                .append("POST ")
                .append(uri.getRawPath())
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getHost())
                .append(uri.getPort() < 0 ? "" : ":" + uri.getPort())
                .append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ")
                .append(body.length)
                .append("\r\n");
        headers.forEach((name, values) -> values.forEach(
                value -> head.append(name).append(": ").append(value).append("\r\n")));
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    /** Sends one request and returns the answer's status code. */
    int send(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null;
            answerStarted = false;
            try {
                if (socket == null) {
                    open();
                }
                out.write(request);
                out.flush();
                return readAnswer();
            } catch (IOException e) {
                close();
                // a kept-alive connection the server had already closed: send once more on a new one
                if (!reused || answerStarted || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(address, timeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        position = 0;
        limit = 0;
    }

    private int readAnswer() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header; !(header = line()).isEmpty(); ) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked =
                        value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        if (chunked) {
            for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                skip(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers: none expected
            }
        } else if (length > 0) {
            skip(length);
        } else if (length < 0 && status != 204 && status != 304 && status / 100 != 1) {
            close = true; // a body that lasts until the connection closes: not worth waiting for
        }
        if (close) {
            close();
        }
        return status;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && !fill()) {
                throw new IOException("the answer ended early");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) (b & 0xff));
        }
    }

    private void skip(long count) throws IOException {
        while (count > 0) {
            if (position == limit && !fill()) {
                throw new IOException("the answer's body ended early");
            }
            int n = (int) Math.min(count, limit - position);
            position += n;
            count -= n;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return false;
        }
        answerStarted = true;
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
        position = 0;
        limit = 0;
    }
}
