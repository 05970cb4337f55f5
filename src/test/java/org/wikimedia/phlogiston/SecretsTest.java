package org.wikimedia.phlogiston;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://user:t0ken@dumps.example.org/phabricator.dump | https://user:***@dumps.example.org/phabricator.dump",
            "http://user:s3cret@127.0.0.1:8080/dump               | http://user:***@127.0.0.1:8080/dump",
            "https://ghp_abc123@host/dump                         | https://***@host/dump",
            "https://user:@host/dump                              | https://user:***@host/dump",
            "Could not download the dump from http://u:p@h/d: HTTP 500 | Could not download the dump from http://u:***@h/d: HTTP 500",
            "https://host/dump?token=abc&format=json              | https://host/dump?token=***&format=json",
            "https://host/dump?x=1&access_token=abc               | https://host/dump?x=1&access_token=***",
            "https://host/dump?API_KEY=abc;sig=1                  | https://host/dump?API_KEY=***;sig=1",
            "jdbc:postgresql://db/phlogiston?user=p&password=s3cret | jdbc:postgresql://db/phlogiston?user=p&password=***",
            "--db-password=s3cret                                 | --db-password=***",
            "https://dumps.wikimedia.org/other/misc/phabricator_public.dump | https://dumps.wikimedia.org/other/misc/phabricator_public.dump",
            "https://host/path@version/dump                       | https://host/path@version/dump",
            "/srv/dumps/phabricator_public.dump                   | /srv/dumps/phabricator_public.dump",
            "mail the owner@example.org                           | mail the owner@example.org",
            "https://user:***@host/dump?token=***                 | https://user:***@host/dump?token=***",
            "a$1:b\\c@ in ftp://a$1:b\\c@host                     | a$1:b\\c@ in ftp://a$1:***@host"})
    void credentialsAreMaskedAndNothingElse(String text, String masked) {
        assertThat(Secrets.mask(text)).isEqualTo(masked);
        assertThat(Secrets.mask(masked)).isEqualTo(masked);
    }
}
