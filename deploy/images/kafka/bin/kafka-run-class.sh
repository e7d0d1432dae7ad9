#!/usr/bin/env bash
# Runs a main class of Kafka's jars with the environment Apache Kafka's scripts read (KAFKA_HEAP_OPTS,
# KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS). The image's stand-in for the script of
# the same name in Kafka's distribution, which is not on Maven Central.
#   kafka-run-class.sh CLASS [ARGS...]
set -euo pipefail
read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xmx256M}"
read -r -a performance <<<"${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
read -r -a log4j <<<"${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.yaml}"
read -r -a options <<<"${KAFKA_OPTS-}"
exec java "${heap[@]}" "${performance[@]}" "${log4j[@]}" "${options[@]}" -cp '/opt/kafka/libs/*' "$@"
