package io.alliancewatch.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.validation.JsonErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reading request bodies strictly: a size cap, UTF-8 only, one JSON value (RFC 8259). */
public final class JsonBodies {

  private JsonBodies() {}

  /** The whole body, or 413 when it is larger than {@code limit} bytes. */
  public static byte[] readAtMost(InputStream in, long limit, String what) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
        if (total > limit) {
          throw ProblemException.tooLarge(
              what + " is larger than " + limit + " bytes; split it (NDJSON takes bulk loads)");
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes UTF-8 strictly (no invalid bytes, overlong forms or encoded surrogates); drops a BOM.
   */
  public static String utf8(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Parses one JSON value.
   *
   * @throws ProblemException 400 with where the JSON broke (line, column and pointer)
   */
  public static JsonNode parse(byte[] bytes) {
    String text;
    try {
      text = utf8(bytes);
    } catch (CharacterCodingException e) {
      throw ProblemException.malformed("The body is not valid UTF-8 text.", List.of());
    }
    return parse(text);
  }

  public static JsonNode parse(String text) {
    if (text.isBlank()) {
      throw ProblemException.malformed("The body is empty; send a JSON value.", List.of());
    }
    try {
      return Json.mapper().readTree(text);
    } catch (StreamConstraintsException e) {
      throw ProblemException.malformed(
          "The JSON nests too deeply or holds a too long value: "
              + JsonErrors.firstLine(e.getOriginalMessage()),
          List.of());
    } catch (JsonProcessingException e) {
      throw ProblemException.malformed(JsonErrors.detail(e), List.of(JsonErrors.fieldError(e)));
    }
  }
}
