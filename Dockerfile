# Concierge container image: production front-end bundle, non-root user, health check on the liveness probe.
# Build: docker build -t concierge .   (docker-compose.yml builds it for you)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -Pproduction dependency:go-offline
COPY frontend frontend
COPY provisioning provisioning
COPY themes themes
COPY src/main src/main
RUN mvn -B -q -Pproduction -DskipTests package && cp target/concierge-*.jar /concierge.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 concierge && apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /concierge.jar /app/concierge.jar
USER concierge
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fs http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/concierge.jar"]
