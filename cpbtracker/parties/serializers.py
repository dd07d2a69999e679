from __future__ import annotations

from rest_framework import serializers

from cpbtracker.parties.models import Membership, Party


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["treaty", "status", "deposited_on", "since_override", "since"]


class PartySerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Party
        fields = ["iso2", "iso3", "name", "region", "memberships", "source"]
