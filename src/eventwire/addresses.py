"""What a street address looks like in English news, shared by the stages that must not mistake one for
something else: the time stage (a house number is no year: "of 1119 Eighth St.") and the record
invariants (an address is no part of an actor phrase: "John Smith, 19, of 1205 Lone Oak Road")."""

# The words that end a street name ("Eighth St.", "Lone Oak Road"), as a regex alternation.
STREET_TYPES = (r"St|Street|Rd|Road|Ave|Avenue|Blvd|Boulevard|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|"
                r"Highway|Hwy|Route|Pike|Parkway|Pkwy|Terrace|Circle")
# The words of a unit within an address ("Lot 12", "Apt 4").
UNIT_TYPES = r"Lot|Apt|Apartment|Suite"
