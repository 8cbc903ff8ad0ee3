package fr.facteur.support;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Multipart uploads to the API, as a browser or a script would send them. */
public final class Uploads {

    private Uploads() {
    }

    public static ResponseEntity<String> upload(TestRestTemplate rest, byte[] bytes, String filename) {
        return upload(rest, bytes, filename, null);
    }

    /** A file to {@code POST /api/extractions}. */
    public static ResponseEntity<String> extract(TestRestTemplate rest, byte[] bytes, String filename) {
        return post(rest, "/api/extractions", bytes, filename, null);
    }

    public static ResponseEntity<String> upload(TestRestTemplate rest, byte[] bytes, String filename, String direction) {
        return post(rest, "/api/invoices", bytes, filename, direction);
    }

    /** A supporting document to {@code POST /api/invoices/{id}/documents}. */
    public static ResponseEntity<String> addDocument(TestRestTemplate rest, long invoiceId, byte[] bytes, String filename) {
        return post(rest, "/api/invoices/" + invoiceId + "/documents", bytes, filename, null);
    }

    private static ResponseEntity<String> post(TestRestTemplate rest, String path, byte[] bytes, String filename,
                                               String direction) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        body.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        if (direction != null) {
            body.add("direction", direction);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity(path, new HttpEntity<>(body, headers), String.class);
    }
}
