package dev.cast2md.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "cast2md",
            version = "0.1.0",
            description =
                "Podcast backlog to Markdown transcripts: queue, node protocol, episodes."))
public class RestApplication extends Application {}
