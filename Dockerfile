# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper fetches Maven and the dependencies from Maven Central.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY schema schema
RUN ./mvnw -B -q -DskipTests package

# Runtime stage: JRE only, non-root.
FROM eclipse-temurin:21-jre
RUN groupadd --system parley && useradd --system --gid parley --home-dir /app parley \
    && mkdir -p /app/.parley && chown parley:parley /app/.parley
WORKDIR /app
COPY --from=build /src/target/parley-server-*.jar /app/parley-server.jar
# the compose healthcheck: a JDK-only class, run on its own (the image has no curl)
COPY --from=build /src/target/classes/dev/parley/HealthProbe.class /app/healthcheck/dev/parley/
USER parley
# Inside a container Parley must listen on all interfaces, which requires PARLEY_SECURITY_TOKEN.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/parley-server.jar"]
