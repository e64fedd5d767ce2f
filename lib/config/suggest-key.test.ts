import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "./suggest-key";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kafka", "kafka", 0],
    ["pollIntervalSecond", "pollIntervalSeconds", 1],
    ["pollintervalseconds", "pollIntervalSeconds", 0],
    ["borkers", "brokers", 1],
    ["managmentUrl", "managementUrl", 1],
    ["rabbit", "rabbitmq", 2],
    ["ssl", "sasl", 1],
  ])("%j → %j: %d", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

const clusterKeys = ["id", "name", "kind", "brokers", "ssl", "sasl", "pollIntervalSeconds", "offsetFetchConcurrency"];

describe("closestMatch", () => {
  it.each([
    ["pollIntervalSecond", clusterKeys, "pollIntervalSeconds"],
    ["PollIntervalSeconds", clusterKeys, "pollIntervalSeconds"],
    ["borkers", clusterKeys, "brokers"],
    ["broker", clusterKeys, "brokers"],
    ["nmae", clusterKeys, "name"],
    ["password", clusterKeys, null],
    ["topics", clusterKeys, null],
    ["rabbitmg", ["kafka", "rabbitmq"], "rabbitmq"],
    ["kafak", ["kafka", "rabbitmq"], "kafka"],
    ["nats", ["kafka", "rabbitmq"], null],
    ["weekly", ["rawDays", "oneMinuteDays", "oneHourDays"], null],
  ] as const)("%j → %j", (given, allowed, expected) => {
    expect(closestMatch(given, allowed)).toBe(expected);
  });
});
