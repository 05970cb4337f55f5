package org.wikimedia.phlogiston.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.wikimedia.phlogiston.publish.ReportPublisher;

/** The output folder over HTTP: published reports through Phlogiston's links, read-only, nothing outside it. */
class OutputServerTest {

    private static final String SECRET = "not for the web";
    private static final String CSV = "date,points\n2019-03-14,5\n";

    @TempDir
    Path dir;

    private OutputServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void publishAReportAndServeIt() throws IOException {
        Path output = dir.resolve("reports");
        ReportPublisher publisher = new ReportPublisher(output, 3, Clock.systemUTC());
        try (ReportPublisher.Draft draft = publisher.start("alp")) {
            Files.writeString(draft.dir().resolve("index.html"), "<h1>alp</h1>");
            Files.createDirectory(draft.dir().resolve("data"));
            Files.writeString(draft.dir().resolve("data/burnup.csv"), CSV);
            Files.write(draft.dir().resolve("burnup.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            draft.publish();
        }
        publisher.writeSiteFile("index.html", "<a href=\"alp/index.html\">alp</a>");
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(output.resolve("elsewhere"), dir); // a link Phlogiston did not make
        server = OutputServer.start(output, "127.0.0.1", 0);
    }

    @AfterEach
    void stopServing() {
        server.close();
    }

    @Test
    void servesThePublishedReportThroughItsLinkWithContentTypes() throws Exception {
        assertThat(server.address().getHost()).isEqualTo("127.0.0.1");

        HttpResponse<String> page = get("alp/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).isEqualTo("<h1>alp</h1>");

        HttpResponse<String> data = get("alp/data/burnup.csv");
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(data.body()).isEqualTo(CSV);

        assertThat(get("alp/burnup.png").headers().firstValue("Content-Type")).contains("image/png");
        assertThat(get("").body()).contains("alp/index.html");
        assertThat(get("alp/").body()).isEqualTo("<h1>alp</h1>");

        HttpResponse<String> folder = get("alp");
        assertThat(folder.statusCode()).isEqualTo(301);
        assertThat(folder.headers().firstValue("Location")).contains("/alp/");
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.address().resolve("alp/data/burnup.csv"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(CSV.length()));
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aMissingFileOrAHiddenOneIsNotFound() throws Exception {
        assertThat(get("alp/nothing.html").statusCode()).isEqualTo(404);
        assertThat(get("alp/index.html/").statusCode()).isEqualTo(404);
        assertThat(get("alp/data/").statusCode()).as("a folder without index.html").isEqualTo(404);
        assertThat(get(".versions/").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesToChangeAnything() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.address().resolve("alp/index.html"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
        }
        assertThat(get("alp/index.html").body()).isEqualTo("<h1>alp</h1>");
    }

    @Test
    void servesNothingOutsideTheOutputFolder() throws IOException {
        for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                "/alp/../../secret.txt", "/alp/%2e%2e/%2e%2e/secret.txt", "/elsewhere/secret.txt"}) {
            String response = rawGet(path);
            assertThat(response).as(path).startsWith("HTTP/1.1 404").doesNotContain(SECRET);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.address().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the path exactly as given: HTTP clients clean up such paths before sending them. */
    private String rawGet(String path) throws IOException {
        URI address = server.address();
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + address.getAuthority() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
