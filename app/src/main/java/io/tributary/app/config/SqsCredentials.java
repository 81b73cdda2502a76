package io.tributary.app.config;

/**
 * The former name of {@link CredentialsConfig}, kept only so that {@code Tributary}'s method references
 * ({@code SqsCredentials::accessKeyId}) compile while that file is being changed elsewhere.
 *
 * @deprecated use {@link CredentialsConfig}; remove once {@code Tributary} names it
 */
@Deprecated(forRemoval = true)
public interface SqsCredentials {
    String accessKeyId();

    String secretAccessKey();
}
